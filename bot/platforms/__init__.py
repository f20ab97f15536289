"""Thin adapters that translate platform events into service calls and render the Answer back."""
