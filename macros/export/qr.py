"""QR codes (segno) for posters and brochures, one encoding per address."""

from __future__ import annotations

import io
from functools import lru_cache

import segno


@lru_cache(maxsize=20_000)
def qr(url: str) -> segno.QRCode:
    """The QR code of ``url``: level M, a fixed mask (5× faster than trying all eight)."""
    return segno.make_qr(url, error="m", mask=4, boost_error=False)


def qr_data_uri(url: str) -> str:
    """A PNG data URI, for an ``<img>`` in a brochure.

    One pixel per module, enlarged without smoothing (``image-rendering:
    pixelated`` in the brochure stylesheet: ``/Interpolate false`` in the PDF),
    so it prints as sharp as a vector code, weighs about as little, and
    WeasyPrint draws it far faster than an SVG path of every module.
    """
    uri: str = qr(url).png_data_uri(scale=1, border=2, dark="#000", light="#fff")
    return uri


def qr_svg(url: str, title: str) -> str:
    """A standalone SVG file, to download and print on a poster."""
    buffer = io.BytesIO()
    qr(url).save(buffer, kind="svg", scale=10, border=4, title=title)
    return buffer.getvalue().decode("utf-8")
