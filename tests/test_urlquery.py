"""Our query-string splitting agrees with the standard library's on any text."""

from urllib.parse import parse_qsl
from urllib.parse import quote as stdlib_quote

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.urlquery import quote, split_query

QUERY_ALPHABET = st.sampled_from(list("ab=&%+;é€ 0129AFxz") + ["%2", "%C3%A9", "%zz", "%E2%82", "%25", "%20"])


@given(st.lists(QUERY_ALPHABET, max_size=40).map("".join) | st.text(max_size=60))
@settings(max_examples=2000)
def test_split_query_matches_parse_qsl(text):
    """A shared link must mean the same thing whichever Python reads it."""
    assert split_query(text) == parse_qsl(text, keep_blank_values=True)


@given(st.text(max_size=40))
def test_quote_matches_the_standard_library(text):
    assert quote(text) == stdlib_quote(text, safe="")
