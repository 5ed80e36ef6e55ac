"""Side effects of lessons; see the modules for each area (life, evidence, actions)."""
