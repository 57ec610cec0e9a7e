"""Readers: ``(data: bytes, path: str, LoadOptions) -> ArgumentMap``, registered in
``argmap.formats``; each reports bad input as an ``ArgmapError`` with line and column."""
