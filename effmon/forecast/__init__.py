"""Forecasts of store metrics with prediction intervals, and their backtests."""
