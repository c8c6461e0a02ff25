"""Pure rules of 就业援助 (no Django): follow-up dates, working age, assessment → profile."""
