"""Text tooling shared by the satisfaction and complaint analyses: models and their files."""
