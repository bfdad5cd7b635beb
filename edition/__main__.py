from edition.cli import main

main()
