from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from registers.validators import business_id_check_digit, validate_business_id


@pytest.mark.parametrize("value", ["2780101-9", "1927211-0", "0737546-2"])
def test_it_accepts_valid_business_ids(value: str) -> None:
    validate_business_id(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("2780101-8", "invalid_check_digit"),
        ("1927211-1", "invalid_check_digit"),
        ("27801019", "invalid_format"),
        ("278010-19", "invalid_format"),
        ("2780101-", "invalid_format"),
        ("abcdefg-h", "invalid_format"),
        (" 2780101-9", "invalid_format"),
        ("", "invalid_format"),
    ],
)
def test_it_rejects_invalid_business_ids(value: str, code: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_business_id(value)
    assert excinfo.value.code == code
    assert "Y-tunnu" in excinfo.value.messages[0]


@given(st.from_regex(r"\A\d{7}\Z"))
def test_exactly_one_check_digit_is_valid_unless_none_is(digits: str) -> None:
    valid = [d for d in range(10) if _is_valid(f"{digits}-{d}")]
    expected = business_id_check_digit(digits)
    assert valid == ([] if expected is None else [expected])


def _is_valid(value: str) -> bool:
    try:
        validate_business_id(value)
    except ValidationError:
        return False
    return True
