"""The ``lcity`` application: the command line over the ``evaluator`` engine and the ``reports``
renderers. One module per command or command group (``lcity.commands``), batch orchestration
(``lcity.batch``), terminal output (``lcity.console``) and safe file output (``lcity.output``).

Nothing below this package imports it: ``indicators`` <- ``evaluator`` <- ``reports`` <- ``lcity``.
"""
