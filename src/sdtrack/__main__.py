from sdtrack.launcher import main

main()
