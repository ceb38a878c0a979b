"""``python -m compliance`` runs the command-line interface."""

if __name__ == "__main__":
    from compliance.cli import main

    main()
