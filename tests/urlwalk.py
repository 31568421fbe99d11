"""Every URL pattern of the project, with sample arguments, for tests that must cover them all."""

from django.urls import URLPattern, URLResolver, get_resolver

SAMPLE_VALUES = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000000", "path": "x"}


def _sample_route(pattern) -> str:
    route = str(pattern.pattern)
    converters = getattr(pattern.pattern, "converters", {})
    if hasattr(pattern.pattern, "_route"):
        out = pattern.pattern._route
        for name, converter in converters.items():
            kind = type(converter).__name__.replace("Converter", "").lower()
            value = SAMPLE_VALUES.get(kind, "1")
            for spelled in (f"<{name}>", f"<{kind}:{name}>"):
                out = out.replace(spelled, value)
        return out
    # regex patterns (the admin's): fill named groups with "1"
    import re

    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    return re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)


def walk(resolver=None, prefix: str = "", namespace: str = ""):
    """Yields (url, view_name, callback) for every pattern."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern, prefix + _sample_route(pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")
            yield "/" + prefix + _sample_route(pattern), name, pattern.callback
