"""Crawling: one adapter per platform (MeetingPlus, insynsverige), councils as configuration."""
