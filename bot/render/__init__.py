"""Renderers: one Answer in, plain text, Slack Block Kit or an Adaptive Card out."""
