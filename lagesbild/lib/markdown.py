"""Markdown to safe HTML: markdown-it-py renders, nh3 removes anything that could run."""

import re

import nh3
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "code",
    "pre",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# Relative links have no scheme and pass; anything else must be one of these.
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def is_protocol_relative(url: str) -> bool:
    """`//host/path` (and `/\\host`, which browsers read the same) leaves the site unseen."""
    return url.strip().replace("\\", "/").startswith("//")


def _drop_protocol_relative(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and is_protocol_relative(value):
        return None
    return value


def render_markdown(text: str) -> str:
    """Render Markdown and sanitise it: no scripts, no event handlers, only safe links."""
    html = _renderer.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        attribute_filter=_drop_protocol_relative,
        link_rel="noopener noreferrer",
    )


_MARKDOWN_ACTIVE = re.compile(r"([\\\[\]<>])")


def markdown_escape(text: str) -> str:
    """Plain text (a name, a title) made inert in Markdown: it can form no link or autolink."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", text)


_LINK = re.compile(r"(?<!\\)\[((?:\\.|[^\]\\])*)\]\((?:<([^>]+)>|([^)\s]+))\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])")


def markdown_to_text(text: str) -> str:
    """House-style Markdown as plain text for e-mail: no emphasis marks, links as "title (url)"."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2) or m.group(3)})", text or "")
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    return _ESCAPED.sub(r"\1", text)
