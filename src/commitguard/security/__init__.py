"""Security fixes: detection, the impact body, the terminal prompt, the template and explain."""
