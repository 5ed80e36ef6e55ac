"""Lägesbild: the staff's situation report, experience collection and decision support."""
