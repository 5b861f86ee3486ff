// Chart colours: contrast of at least 3:1 against white for marks, 4.5:1 for text colours.
export const COLORS = {
  with: "#1f4e8c",
  without: "#8fa3bf",
  threshold: "#b45309",
  ceiling: "#7c2d12",
  sides: ["#1f4e8c", "#b3261e"] as const,
  series: ["#1f4e8c", "#b3261e", "#2f7d32", "#6b3fa0", "#b45309", "#00796b", "#5d4037"] as const,
} as const;
