"""Web addresses in a detail view (tracking links) are hyperlinks."""

from __future__ import annotations

from procdesk.tui.screens.detail import linked


def test_tracking_links_are_hyperlinks_and_the_text_is_unchanged() -> None:
    text = "tracking 1Z999  https://track.example/1Z999\nserials A, B"
    found = linked(text)
    assert found.plain == text
    links = [
        (found.plain[span.start : span.end], span.style.link)
        for span in found.spans
        if not isinstance(span.style, str) and span.style.link
    ]
    assert links == [("https://track.example/1Z999", "https://track.example/1Z999")]
