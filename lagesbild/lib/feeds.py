"""Atom feeds whose entries carry their content, shared by the reports and the FAQ."""

from typing import Any

from django.utils.feedgenerator import Atom1Feed


class ContentAtom1Feed(Atom1Feed):
    """Atom with <content type="html">: feed readers show the entry without a click."""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
