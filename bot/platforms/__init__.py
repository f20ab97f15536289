"""Platform adapters: the local console, Slack and Teams. Only this package knows their APIs."""
