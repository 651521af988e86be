# The project's Elasticsearch image: the official 9.2.4 image plus the Swedish analysis plugin
# (plugins/analysis-sv, built here from the sources with its pinned hunspell-sv dictionary and,
# for its full-form lexicon, the pinned simplemma and spacy-lookups-data wheels from PyPI) and
# that dictionary under config/hunspell/sv_SE - every deployment analyses text as `make run`
# does, and none mounts dictionaries from the host.
#   docker build -f docker/elasticsearch.Dockerfile -t remissvar-elasticsearch:9.2.4 .
FROM maven:3.9.11-eclipse-temurin-21 AS plugin
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY plugins/analysis-sv ./
RUN rm -rf target && PYTHON=python3 bash build.sh \
    && cp target/analysis-sv-*.zip /build/analysis-sv.zip \
    && mkdir -p /build/hunspell/sv_SE \
    && cp target/resources/se/remissvar/analysis/sv_SE.aff target/resources/se/remissvar/analysis/sv_SE.dic \
          /build/hunspell/sv_SE/

FROM docker.elastic.co/elasticsearch/elasticsearch:9.2.4
COPY --from=plugin /build/analysis-sv.zip /tmp/analysis-sv.zip
RUN bin/elasticsearch-plugin install --batch file:///tmp/analysis-sv.zip
COPY --from=plugin --chown=elasticsearch:root /build/hunspell/sv_SE /usr/share/elasticsearch/config/hunspell/sv_SE
