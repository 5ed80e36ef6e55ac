from lagesbild.lib.markdown import render_markdown


def test_it_renders_bullets_nested_three_levels_deep() -> None:
    html = render_markdown("- ett\n  - två\n    - tre\n      - fyra")
    assert html.count("<ul>") == 4
    assert "<li>tre" in html


def test_it_keeps_bold_italic_links_and_subheadings() -> None:
    html = render_markdown("### Under\n\n**fet** och *kursiv* [länk](https://example.se/a)")
    assert "<h3>Under</h3>" in html
    assert "<strong>fet</strong>" in html and "<em>kursiv</em>" in html
    assert 'href="https://example.se/a"' in html


def test_it_removes_scripts_and_event_handlers() -> None:
    html = render_markdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # shown as text, so nothing is silently lost


def test_it_refuses_javascript_and_data_links_but_keeps_mailto_and_relative() -> None:
    html = render_markdown(
        "[a](javascript:alert(1)) [b](data:text/html,x) [c](mailto:a@b.se) [d](/rapporter/1/)"
    )
    assert 'href="javascript' not in html and 'href="data' not in html
    assert 'href="mailto:a@b.se"' in html
    assert 'href="/rapporter/1/"' in html


def test_plain_text_drops_emphasis_marks_and_spells_out_links() -> None:
    from lagesbild.lib.markdown import markdown_to_text

    text = markdown_to_text(
        "- 3/3: [Nyhet \\[uppdaterad\\]](https://intranat.example/n)\n"
        "  - **Viktigt:** läs *hela* texten, fil_namn_med_understreck och 2 * 3\n"
        "- [Länk med mellanslag](<https://example.se/a b>)"
    )
    assert text == (
        "- 3/3: Nyhet [uppdaterad] (https://intranat.example/n)\n"
        "  - Viktigt: läs hela texten, fil_namn_med_understreck och 2 * 3\n"
        "- Länk med mellanslag (https://example.se/a b)"
    )
