def main() -> None:
    print("hello from the sandbox")
