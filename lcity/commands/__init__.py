"""One module per ``lcity`` command or command group; ``lcity.cli`` registers them on the app."""
