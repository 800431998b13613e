"""aidlod.writers."""
