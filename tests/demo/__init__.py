"""Tests of procdesk.demo: the throwaway demo environment."""
