"""Pure rules of the 残疾人之家 and the individual subsidies (no Django): income distribution,
运营奖补 and subsidy eligibility. Callers pass facts, policy rules and "today"."""
