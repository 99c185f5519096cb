"""Community Cockpit domain: models, rules and state that run without a screen."""

__version__ = "0.1.0"
