"""One forward and backward pass of the authors' MNIST CNN on a batch of 128 in PyTorch (CPU, one
intra-op thread), the counterpart of CnnGradientBenchmark.forwardBackward. Prints the median and
the quartiles of the wall time over repeated timed passes after a warm-up, and the median CPU time
of the calling thread (with one thread, the pass's own work; steadier than wall time on a busy
machine).

    python3 bench/pytorch/cnn_gradient.py [--threads 1] [--reps 40]
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    """conv 1->32 3x3, ReLU; conv 32->64 3x3 (no ReLU); max-pool 2; fc 9216->128, ReLU; fc 128->10."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = self.conv2(x)
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--reps", type=int, default=40)
    p.add_argument("--batch", type=int, default=128)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    net = Net()
    x = torch.randn(a.batch, 1, 28, 28)
    y = torch.randint(0, 10, (a.batch,))
    times = []
    cpu = []
    for i in range(a.reps + 10):
        t = time.perf_counter()
        c = time.thread_time()
        net.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        dt = time.perf_counter() - t
        dc = time.thread_time() - c
        if i >= 10:
            times.append(dt * 1e3)
            cpu.append(dc * 1e3)
    q = statistics.quantiles(times, n=4)
    print(f"torch {torch.__version__}, {a.threads} thread(s), batch {a.batch}: forward+backward "
          f"median {statistics.median(times):.1f} ms wall (quartiles {q[0]:.1f}-{q[2]:.1f} ms), "
          f"median {statistics.median(cpu):.1f} ms CPU of the calling thread, {a.reps} passes")


if __name__ == "__main__":
    main()
