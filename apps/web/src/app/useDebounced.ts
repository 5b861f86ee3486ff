// A value that follows another after it has stopped changing for `ms`: long computations (a
// race, a Monte Carlo) start once a slider drag settles, not at every step of it.
import { useEffect, useState } from "preact/hooks";

export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const handle = setTimeout(() => setSettled(() => value), ms);
    return () => clearTimeout(handle);
  }, [value, ms]);
  return settled;
}
