from foederis.cli import main

main()
