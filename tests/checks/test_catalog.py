"""The accelerator catalog: aliases resolve, figures carry sources, bad files are named."""

import pytest

from checks import catalog
from checks.catalog import CatalogError, parse_catalog

REQUIRED = [
    "A100",
    "A800",
    "H100",
    "H100-PCIe",
    "H800",
    "H200",
    "H20",
    "B200",
    "GB200",
    "V100",
    "TPU-v3",
    "TPU-v4",
    "TPU-v5p",
    "MI300X",
    "Ascend-910",
    "Ascend-910B",
    "RTX-4090",
]


@pytest.mark.parametrize(
    "name", ["H100", "英伟达 H100", "H100 GPU", "H100 SXM", "NVIDIA H100", "h100 gpus"]
)
def test_h100_aliases_resolve_to_the_sxm_part(name):
    acc = catalog.lookup(name)
    assert acc is not None and acc.key == "H100"
    assert acc.peak("BF16") == pytest.approx(989.4e12)
    assert acc.tdp_w == 700


def test_pcie_is_not_confused_with_sxm():
    assert catalog.lookup("H100 PCIe").key == "H100-PCIe"


def test_sparse_peak_doubles_only_where_supported():
    h100 = catalog.lookup("H100")
    assert h100.peak("FP8-sparse") == pytest.approx(2 * h100.peak("FP8"))
    assert catalog.lookup("TPU v4").peak("BF16-sparse") is None


def test_every_required_accelerator_has_sourced_figures():
    shipped = catalog.default_catalog()
    for key in REQUIRED:
        acc = shipped[key]
        assert acc.peak_flops_dense, key
        assert acc.source, key
        for precision in acc.peak_flops_dense:
            assert acc.peak_source_for(precision), (key, precision)


def test_unknown_names_are_none():
    assert catalog.lookup("Z9000") is None
    assert catalog.lookup(None) is None


def test_malformed_entry_names_entry_and_field():
    with pytest.raises(CatalogError, match=r"\[X1\] price_usd"):
        parse_catalog(
            {
                "X1": {
                    "name": "X",
                    "peak_flops_dense": {"BF16": 1e12},
                    "source": "s",
                    "price_usd": [3, 1],
                }
            }
        )
    with pytest.raises(CatalogError, match=r"\[X1\]: missing source"):
        parse_catalog({"X1": {"name": "X", "peak_flops_dense": {"BF16": 1e12}}})
