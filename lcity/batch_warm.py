"""Imported once by the batch's forkserver (``lcity.batch_pool.PRELOAD``): loads the default
framework there, so that every worker forked from it starts with the framework in memory instead
of loading it again. Any failure is ignored: the worker then loads the framework itself and
reports what is wrong with it as usual."""

try:  # pragma: no cover - exercised in the forkserver
    from indicators.loader import load_framework

    load_framework()
except Exception:  # noqa: BLE001 - a warm-up only
    pass
