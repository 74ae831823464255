from sdtrack.cli import main

main()
