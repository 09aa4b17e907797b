import pytest

from calculator.load import load_rules


@pytest.fixture(scope="session")
def rules():
    return load_rules()[0]


@pytest.fixture(scope="session")
def raw_rules():
    return load_rules()[1]
