"""Meetings: slide decks, chart exports and the half-yearly progress report."""
