from sdtrack.entry import main

main()
