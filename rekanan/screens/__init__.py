"""Textual screens, one module (and one .tcss) each."""
