"""PyTorch figures for the rows of `./convlab bench ConvLayerBench` and the small-CNN training step.

Run with Debian's PyTorch (apt-get install python3-torch): /usr/bin/python3 pytorch_reference.py
Float32, 2 threads, median of timed repetitions after warm-up; forward and backward in ms per call.
"""
import json, statistics, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(0)

ROWS = [
    ("conv2d_std", (32, 64, 32, 32), dict(in_channels=64, out_channels=64, kernel_size=3, padding=1)),
    ("conv2d_first", (64, 1, 28, 28), dict(in_channels=1, out_channels=32, kernel_size=3, padding=1)),
    ("conv2d_stride2", (32, 64, 32, 32), dict(in_channels=64, out_channels=128, kernel_size=3, stride=2, padding=1)),
    ("dilated2d", (16, 64, 32, 32), dict(in_channels=64, out_channels=64, kernel_size=3, dilation=2, padding=2)),
    ("grouped2d", (32, 128, 16, 16), dict(in_channels=128, out_channels=128, kernel_size=3, groups=8, padding=1)),
    ("depthwise2d", (32, 128, 32, 32), dict(in_channels=128, out_channels=128, kernel_size=3, groups=128, padding=1)),
    ("pointwise2d", (32, 128, 32, 32), dict(in_channels=128, out_channels=128, kernel_size=1)),
    ("transposed2d", (32, 64, 16, 16), dict(in_channels=64, out_channels=32, kernel_size=4, stride=2, padding=1, transposed=True)),
    ("conv3d", (4, 16, 16, 16, 16), dict(in_channels=16, out_channels=16, kernel_size=3, padding=1, rank=3)),
    ("conv1d", (32, 64, 1024), dict(in_channels=64, out_channels=64, kernel_size=5, padding=2, rank=1)),
]


def timed(fn, warmup=5, reps=20):
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(reps):
        t = time.perf_counter(); fn(); out.append((time.perf_counter() - t) * 1e3)
    return statistics.median(out)


def conv_rows():
    res = {}
    for name, shape, kw in ROWS:
        kw = dict(kw)
        rank = kw.pop("rank", 2)
        transposed = kw.pop("transposed", False)
        layer = (nn.ConvTranspose2d(**kw) if transposed else
                 {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}[rank](**kw))
        x = torch.randn(*shape, requires_grad=True)
        with torch.no_grad():
            y0 = layer(x)
        g = torch.randn_like(y0)
        fwd = timed(lambda: layer(x))
        def fb():
            layer.zero_grad(set_to_none=True); x.grad = None
            layer(x).backward(g)
        both = timed(fb)
        res[name] = {"forward_ms": fwd, "backward_ms": both - fwd}
        print(f"{name:16s} forward {fwd:7.2f} ms  backward {both - fwd:7.2f} ms", flush=True)
    return res


def small_cnn_step(batch=64, steps=60):
    model = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(batch, 1, 28, 28); y = torch.randint(0, 10, (batch,))
    def step():
        opt.zero_grad(); F.cross_entropy(model(x), y).backward(); opt.step()
    for _ in range(10):
        step()
    t = time.perf_counter()
    for _ in range(steps):
        step()
    ips = batch * steps / (time.perf_counter() - t)
    print(f"small-cnn training step, batch {batch}: {ips:.0f} images/s", flush=True)
    return ips


if __name__ == "__main__":
    out = {"torch": torch.__version__, "threads": torch.get_num_threads(), "rows": conv_rows(),
           "small_cnn_images_per_s": small_cnn_step()}
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as f:
            json.dump(out, f, indent=1)
