"""Tests of the Chinese text engine (report.layout.text)."""
