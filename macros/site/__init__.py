"""The site: staging before the engine, the engine, checks after it."""
