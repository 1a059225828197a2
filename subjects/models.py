"""Data subject requests (GDPR Art. 15-22); the models arrive with their feature."""
