"""The PDF assessment: a view model of the findings, its HTML, figures and the tagged PDF."""
