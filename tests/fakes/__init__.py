"""Local fakes of the services Kodeks talks to: the Slack Web API and the Bot Connector."""
