# Reference values for par-index's SIPAS intervals, computed with R's survey package.
#
# Run from the repository root:  Rscript tests/reference/sipas/reference.R
# Needs the Debian packages r-base-core and r-cran-survey. Writes, beside this script:
#   weighted-responses.csv  a small weighted survey (3 units × 3 items, answers 1–5 and 9 = no opinion)
#   unweighted.csv          Wilson (prop.test, no continuity correction) and Clopper–Pearson (binom.test)
#   weighted.csv            Korn–Graubard: svyciprop(method = "beta") on svydesign(ids = ~1, weights = ~w)
# The TypeScript tests read these files (CI has no R) and compare to 1e-6.
suppressMessages(library(survey))
here <- "tests/reference/sipas"
options(digits = 15)

# 1. Unweighted intervals.
cases <- data.frame(
  x     = c(0, 1, 5, 10, 169, 0, 1, 37, 931, 399, 3, 186, 0, 200),
  n     = c(10, 10, 10, 10, 200, 1, 1, 50, 1000, 400, 7, 200, 200, 200),
  level = c(0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.9, 0.95, 0.95, 0.99, 0.95, 0.95, 0.95)
)
u <- do.call(rbind, lapply(seq_len(nrow(cases)), function(i) {
  x <- cases$x[i]; n <- cases$n[i]; lv <- cases$level[i]
  w <- prop.test(x, n, conf.level = lv, correct = FALSE)$conf.int
  cp <- binom.test(x, n, conf.level = lv)$conf.int
  data.frame(x = x, n = n, level = lv, wilson_low = w[1], wilson_high = w[2], cp_low = cp[1], cp_high = cp[2])
}))
write.csv(u, file.path(here, "unweighted.csv"), row.names = FALSE)

# 2. A weighted survey: unit "a" ordinary, "b" small with very unequal weights, "c" where item q2 is
#    satisfied by everyone (R gives NaN there; par-index gives a finite interval, tested separately).
set.seed(20240917)
mk <- function(unit, n, probs, wlo, whi) {
  ans <- function(p) sample(c(1, 2, 3, 4, 5, 9), n, replace = TRUE, prob = p)
  data.frame(
    unit = unit,
    q1 = ans(probs),
    q2 = if (unit == "c") sample(c(4, 5), n, replace = TRUE) else ans(rev(probs)),
    q3 = ans(c(0.05, 0.1, 0.25, 0.3, 0.25, 0.05)),
    w = round(runif(n, wlo, whi), 4)
  )
}
d <- rbind(
  mk("a", 300, c(0.03, 0.07, 0.15, 0.4, 0.3, 0.05), 0.5, 2.5),
  mk("b", 25, c(0.1, 0.1, 0.2, 0.3, 0.3, 0), 0.2, 9),
  mk("c", 60, c(0.02, 0.05, 0.13, 0.4, 0.35, 0.05), 1, 3)
)
write.csv(d, file.path(here, "weighted-responses.csv"), row.names = FALSE, quote = FALSE)

rows <- list()
for (un in c("a", "b", "c")) for (it in c("q1", "q2", "q3")) {
  s <- d[d$unit == un & d[[it]] %in% 1:5, ]
  s$y <- as.numeric(s[[it]] >= 4)
  des <- svydesign(ids = ~1, weights = ~w, data = s)
  ci <- svyciprop(~y, des, method = "beta", level = 0.95)
  m <- svymean(~y, des)
  p <- as.numeric(coef(m)); v <- as.numeric(vcov(m))
  rows[[length(rows) + 1]] <- data.frame(
    unit = un, item = it, n = nrow(s), estimate = p,
    low = as.numeric(confint(ci)[1]), high = as.numeric(confint(ci)[2]),
    neff = if (v > 0) p * (1 - p) / v else NA
  )
}
write.csv(do.call(rbind, rows), file.path(here, "weighted.csv"), row.names = FALSE)
cat("R", R.version.string, "survey", as.character(packageVersion("survey")), "\n")
