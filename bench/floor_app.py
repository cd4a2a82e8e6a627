"""The floor of "open the app": a bare Textual app that shows one line and nothing else."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class FloorApp(App[None]):
    """One Static: what any Textual app pays before it shows its first screen."""

    def compose(self) -> ComposeResult:
        yield Static("floor app siap")


if __name__ == "__main__":
    FloorApp().run()
