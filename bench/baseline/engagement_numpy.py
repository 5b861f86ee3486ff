#!/usr/bin/env python3
"""numpy/scipy baseline for the engagement benchmark: exact barrage and even (DESIGN §2.1).

Written the way a competent analyst would write it in numpy: scipy.stats pmfs evaluated over
whole arrays, a Python loop only over the few values that need one, and tails below 1e-15
pruned (as the TypeScript model does) and reported. The hypergeometric weights go through
exp(hypergeom.logpmf): scipy's hypergeom.pmf (Boost's exact pdf) costs ~20 us per value at these
sizes, which would make the (decoy count x RV count) grid take minutes; the log-space route is
~400x faster, and after renormalising each row (whose error is mostly in the log normalising
constant) agrees with the exact pmf to ~1e-13.

Usage (one JSON case, the shape of core's EngagementInput; tracking, discrimination and
reliability default to 1, 0 and 1):
  python3 bench/baseline/engagement_numpy.py '{"warheads": 10000, "decoys": 10000,
      "discrimination": 0.5, "interceptors": 40000, "sspk": 0.8,
      "doctrine": {"kind": "barrage", "shots": 4}}'
  echo '{...}' | python3 bench/baseline/engagement_numpy.py
Prints one JSON object: {pmf, pNoLeak, expectedLeakers, expectedInterceptorsUsed, prunedMass,
seconds} where pmf[k] = P(k RVs leak), k = 0..warheads, and seconds is the wall time of the
computation alone (not the interpreter start, imports or JSON input/output).
"""
from __future__ import annotations

import json
import sys
import time

import numpy as np
from scipy.stats import binom, hypergeom

TAIL = 1e-15  # total mass each pruned range may drop, as in the TS model


def central(pmf: np.ndarray) -> tuple[int, int, float]:
    """Smallest index range [lo, hi] whose two tails each hold less than TAIL/2."""
    c = np.cumsum(pmf)
    total = c[-1]
    lo = int(np.searchsorted(c, TAIL / 2, side="right"))
    hi = int(np.searchsorted(c, total - TAIL / 2, side="left"))
    hi = min(max(hi, lo), len(pmf) - 1)
    dropped = float(total - (c[hi] - (c[lo - 1] if lo > 0 else 0.0)))
    return lo, hi, max(dropped, 0.0)


def hyper_grid(T: np.ndarray, N: int, draws: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """sum_i weights[i] * Hypergeometric(T[i], N, draws[i]) over j = 0..N, in row blocks."""
    js = np.arange(N + 1)
    out = np.zeros(N + 1)
    block = max(1, 2_000_000 // (N + 1))  # bounds the temporaries to a few tens of MB
    for s in range(0, len(T), block):
        rows = slice(s, s + block)
        H = np.exp(hypergeom.logpmf(js[None, :], T[rows, None], N, draws[rows, None]))
        # each row is a whole distribution: renormalising removes the rounding of the log
        # normalising constant, which is common to the row and dominates the error
        H /= H.sum(axis=1, keepdims=True)
        out += weights[rows] @ H
    return out


def binom_range(n_max: int, q: float) -> np.ndarray:
    """Support 0..K of Binomial(n, q) for every n <= n_max, tails beyond K below TAIL/2."""
    k_hi = int(binom.isf(TAIL / 2, n_max, q)) + 1 if 0.0 < q < 1.0 else (n_max if q > 0 else 0)
    return np.arange(min(n_max, k_hi) + 1)


def leak(p: float, d: float, shots: np.ndarray | int) -> np.ndarray:
    """Leak probability of an RV that draws `shots` interceptors (tracking d, sspk p)."""
    return 1.0 - d * (1.0 - (1.0 - p) ** np.asarray(shots, dtype=float))


def engage(case: dict) -> dict:
    N = int(case["warheads"])
    M = int(case.get("decoys", 0))
    I = int(case["interceptors"])
    p = float(case["sspk"])
    d = float(case.get("tracking", 1.0))
    delta = float(case.get("discrimination", 0.0))
    R = float(case.get("reliability", 1.0))
    doctrine = case["doctrine"]
    pruned = 0.0

    # undiscriminated decoys U ~ Binomial(M, 1 - delta), central range only
    u_all = binom.pmf(np.arange(M + 1), M, 1.0 - delta)
    lo, hi, dropped = central(u_all)
    pruned += dropped
    u = np.arange(lo, hi + 1)
    pu = u_all[lo : hi + 1]
    T = N + u
    js = np.arange(N + 1)
    pmf = np.zeros(N + 1)

    if doctrine["kind"] == "barrage":
        n = int(doctrine["shots"])
        E = np.minimum(T, I // n)  # engaged objects; I mod n never fired
        fired = float(pu @ (n * E))
        # P(j RVs engaged) = sum_u P(u) Hypergeometric(T_u, N, E_u)
        w = hyper_grid(T, N, E, pu)
        jlo, jhi, dropped = central(w)
        pruned += dropped
        j = np.arange(jlo, jhi + 1)
        q = float(leak(p, d, n))
        k = binom_range(jhi, q)
        # leakers = (N - j) unengaged + Binomial(j, q) engaged that leak
        B = binom.pmf(k[None, :], j[:, None], q) * w[jlo : jhi + 1, None]
        idx = (N - j)[:, None] + k[None, :]
        np.add.at(pmf, idx[idx <= N], B[idx <= N])
    elif doctrine["kind"] == "even":
        fired = float(pu[T > 0].sum()) * I
        b = np.where(T > 0, I // np.maximum(T, 1), 0)
        r = np.where(T > 0, I % np.maximum(T, 1), 0)
        # loop over the few distinct shot counts b; RVs among the r with b + 1 are hypergeometric
        for bb in np.unique(b):
            sel = b == bb
            w = hyper_grid(T[sel], N, r[sel], pu[sel])
            jlo, jhi, dropped = central(w)
            pruned += dropped
            q_hi, q_lo = float(leak(p, d, bb + 1)), float(leak(p, d, bb))
            k_hi = binom_range(jhi, q_hi)
            k_lo = binom_range(N - jlo, q_lo)
            for j in range(jlo, jhi + 1):  # one convolution per RV count: unavoidable
                a = binom.pmf(k_hi[k_hi <= j], j, q_hi)
                c = binom.pmf(k_lo[k_lo <= N - j], N - j, q_lo)
                s = np.convolve(a, c)
                pmf[: len(s)] += w[j] * s
    else:
        raise SystemExit(f"doctrine {doctrine['kind']!r} is not part of this baseline")

    # reliability: one draw; on failure nothing is fired and all N leak
    pmf *= R
    pmf[N] += 1.0 - R
    fired *= R
    return {
        "pmf": pmf.tolist(),
        "pNoLeak": float(pmf[0]),
        "expectedLeakers": float(js @ pmf),
        "expectedInterceptorsUsed": fired,
        "prunedMass": pruned,
    }


def main() -> None:
    raw = sys.argv[1] if len(sys.argv) > 1 else sys.stdin.read()
    case = json.loads(raw)
    t0 = time.perf_counter()
    out = engage(case)
    out["seconds"] = time.perf_counter() - t0
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
