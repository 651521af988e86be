"""The int8 ONNX query encoder made batchable without changing a query's vector.

The export (``remissvar.encoder_build onnx``) quantises activations dynamically: each
``DynamicQuantizeLinear`` picks one scale and zero point for its whole input tensor. In a batch
that tensor holds every query of the batch (and the padding of the shorter ones), so a query's
vector depended on its batch-mates: cosine 0.993 against the same query embedded alone
(measured on the 44 evaluation queries). This rewrite gives every row of the batch its own scale
and zero point, computed over that row's real tokens only (padding masked out), exactly as
``DynamicQuantizeLinear`` computes them for a query alone:

- ``DynamicQuantizeLinear(x)`` becomes min/max over the row (``x`` times the attention mask,
  0 included), ``scale = (max - min) / 255``, ``zp = round(clip(-min / scale, 0, 255))``,
  ``q = clip(round(x / scale) + zp, 0, 255)`` - one scale and zero point per row;
- ``MatMulInteger(q, w, zp, w_zp)`` becomes ``MatMulInteger(q, w, 0, w_zp) - zp * colsum(w - w_zp)``
  in int32 (``MatMulInteger`` takes one zero point for all of a 3-D input).

The rewritten model is built in memory when the encoder service loads (about a second); the
file on disk is not changed. ``tests/remissvar/test_encoder_service.py`` checks that batched
vectors agree with the in-process encoder's to cosine >= 0.9999.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np


def row_quantized_model(onnx_file: Path) -> bytes:
    """The serialised model of ``onnx_file`` with per-row activation quantisation."""
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(onnx_file))
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    consumers: dict[str, list[onnx.NodeProto]] = defaultdict(list)
    for n in g.node:
        for i in n.input:
            consumers[i].append(n)
    mask_name = next(i.name for i in g.input if i.name == "attention_mask")

    def const(name: str, value: np.ndarray) -> str:
        g.initializer.append(numpy_helper.from_array(value, name))
        return name

    zero = const("rowq/zero", np.array(0.0, dtype=np.float32))
    q255 = const("rowq/255", np.array(255.0, dtype=np.float32))
    new_nodes: list[onnx.NodeProto] = [
        helper.make_node("Cast", [mask_name], ["rowq/mask_f"], to=onnx.TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["rowq/mask_f", const("rowq/axis_last", np.array([-1], dtype=np.int64))],
                         ["rowq/mask3"]),
    ]
    zp_int: dict[str, str] = {}  # DynamicQuantizeLinear zero-point output -> its per-row int32 version
    for k, n in enumerate(g.node):
        if n.op_type == "DynamicQuantizeLinear":
            x, (q, scale, zp) = n.input[0], n.output
            p = f"rowq/{k}/"
            new_nodes += [
                helper.make_node("Mul", [x, "rowq/mask3"], [p + "xm"]),
                helper.make_node("ReduceMin", [p + "xm"], [p + "mn0"], axes=[1, 2], keepdims=1),
                helper.make_node("ReduceMax", [p + "xm"], [p + "mx0"], axes=[1, 2], keepdims=1),
                helper.make_node("Min", [p + "mn0", zero], [p + "mn"]),
                helper.make_node("Max", [p + "mx0", zero], [p + "mx"]),
                helper.make_node("Sub", [p + "mx", p + "mn"], [p + "range"]),
                helper.make_node("Div", [p + "range", q255], [scale]),
                helper.make_node("Div", [p + "mn", scale], [p + "mn_s"]),
                helper.make_node("Sub", [zero, p + "mn_s"], [p + "zpf0"]),
                helper.make_node("Clip", [p + "zpf0", zero, q255], [p + "zpf1"]),
                helper.make_node("Round", [p + "zpf1"], [p + "zpf"]),
                helper.make_node("Cast", [p + "zpf"], [zp], to=onnx.TensorProto.UINT8),
                helper.make_node("Cast", [p + "zpf"], [p + "zp32"], to=onnx.TensorProto.INT32),
                helper.make_node("Div", [x, scale], [p + "xs"]),
                helper.make_node("Round", [p + "xs"], [p + "xr"]),
                helper.make_node("Add", [p + "xr", p + "zpf"], [p + "xz"]),
                helper.make_node("Clip", [p + "xz", zero, q255], [p + "xc"]),
                helper.make_node("Cast", [p + "xc"], [q], to=onnx.TensorProto.UINT8),
            ]
            zp_int[zp] = p + "zp32"
        elif n.op_type == "MatMulInteger" and len(n.input) > 2 and n.input[2] in zp_int:
            xq, w, xzp, wzp = n.input
            w_arr = numpy_helper.to_array(inits[w]).astype(np.int32)
            w_zp = numpy_helper.to_array(inits[wzp]).astype(np.int32) if wzp else np.int32(0)
            colsum = const(f"rowq/{k}/colsum", (w_arr - w_zp).sum(axis=0).astype(np.int32))
            p = f"rowq/{k}/"
            new_nodes += [
                helper.make_node("MatMulInteger", [xq, w, "", wzp], [p + "y0"]),
                helper.make_node("Mul", [zp_int[xzp], colsum], [p + "corr"]),
                helper.make_node("Sub", [p + "y0", p + "corr"], [n.output[0]]),
            ]
        else:
            new_nodes.append(n)
    del g.node[:]
    g.node.extend(new_nodes)
    return bytes(model.SerializeToString())
