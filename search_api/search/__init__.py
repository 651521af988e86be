"""Search, split by job: request/response models (models), query builders (builders), rank
fusion (fusion), highlighting (highlight), grouping (grouping), precedent helpers
(precedent) and the service that runs them (service)."""
from search_api.search.models import Filters, QueryError, SearchRequest, SearchResponse
from search_api.search.service import SearchService

__all__ = ["Filters", "QueryError", "SearchRequest", "SearchResponse", "SearchService"]
