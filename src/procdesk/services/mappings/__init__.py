"""Category billing-code mappings: validated live against Autotask, and what changing one
does to the charges made under the old code (`billing_codes`); the categories and usable
codes the mappings screen offers (`categories`)."""
