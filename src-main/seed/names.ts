/** Names as Anganwadi workers write them for migrant families of Nandurbar, Beed, Ahilyanagar and Jalna. */
export type NamePair = readonly [mr: string, en: string];

export const FEMALE_NAMES: readonly NamePair[] = [
  ['सुनीता', 'Sunita'], ['सविता', 'Savita'], ['मंगल', 'Mangal'], ['लक्ष्मी', 'Laxmi'], ['रेखा', 'Rekha'],
  ['सीमा', 'Seema'], ['पूजा', 'Pooja'], ['अश्विनी', 'Ashwini'], ['कविता', 'Kavita'], ['संगीता', 'Sangita'],
  ['वैशाली', 'Vaishali'], ['रुपाली', 'Rupali'], ['ज्योती', 'Jyoti'], ['मनीषा', 'Manisha'], ['सारिका', 'Sarika'],
  ['शीतल', 'Sheetal'], ['अनिता', 'Anita'], ['सुरेखा', 'Surekha'], ['कमल', 'Kamal'], ['गीता', 'Geeta'],
  ['प्रियंका', 'Priyanka'], ['राधा', 'Radha'], ['सोनाली', 'Sonali'], ['दीपाली', 'Deepali'], ['आरती', 'Aarti'],
  ['भाग्यश्री', 'Bhagyashree'], ['शारदा', 'Sharada'], ['ताराबाई', 'Tarabai'], ['यमुना', 'Yamuna'], ['गंगा', 'Ganga'],
];

export const MALE_NAMES: readonly NamePair[] = [
  ['रामदास', 'Ramdas'], ['सुनील', 'Sunil'], ['संतोष', 'Santosh'], ['गणेश', 'Ganesh'], ['विठ्ठल', 'Vitthal'],
  ['ज्ञानेश्वर', 'Dnyaneshwar'], ['बाळू', 'Balu'], ['रमेश', 'Ramesh'], ['सुरेश', 'Suresh'], ['दत्तात्रय', 'Dattatray'],
  ['भाऊसाहेब', 'Bhausaheb'], ['अशोक', 'Ashok'], ['नामदेव', 'Namdev'], ['तुकाराम', 'Tukaram'], ['शिवाजी', 'Shivaji'],
  ['अर्जुन', 'Arjun'], ['किरण', 'Kiran'], ['प्रकाश', 'Prakash'], ['महादेव', 'Mahadev'], ['बापू', 'Bapu'],
  ['सचिन', 'Sachin'], ['विजय', 'Vijay'], ['अमोल', 'Amol'], ['राहुल', 'Rahul'], ['आकाश', 'Akash'],
  ['ओंकार', 'Omkar'], ['सोमनाथ', 'Somnath'], ['भीमराव', 'Bhimrao'], ['पांडुरंग', 'Pandurang'], ['योगेश', 'Yogesh'],
];

export const SURNAMES: readonly NamePair[] = [
  ['पवार', 'Pawar'], ['गावित', 'Gavit'], ['वळवी', 'Valvi'], ['पाडवी', 'Padvi'], ['वसावे', 'Vasave'],
  ['कोळी', 'Koli'], ['ठाकरे', 'Thakare'], ['जाधव', 'Jadhav'], ['चव्हाण', 'Chavan'], ['राठोड', 'Rathod'],
  ['शिंदे', 'Shinde'], ['काळे', 'Kale'], ['म्हस्के', 'Mhaske'], ['गायकवाड', 'Gaikwad'], ['भोसले', 'Bhosale'],
  ['मुंडे', 'Munde'], ['खाडे', 'Khade'], ['सानप', 'Sanap'], ['ढाकणे', 'Dhakne'], ['आव्हाड', 'Awhad'],
  ['घुगे', 'Ghuge'], ['केदार', 'Kedar'], ['नागरगोजे', 'Nagargoje'], ['बांगर', 'Bangar'], ['तडवी', 'Tadvi'],
];

export const VILLAGES: readonly NamePair[] = [
  ['मोलगी', 'Molgi'], ['धडगाव', 'Dhadgaon'], ['तळोदा', 'Taloda'], ['खापर', 'Khapar'], ['अक्राणी', 'Akrani'],
  ['पाटोदा', 'Patoda'], ['शिरूर कासार', 'Shirur Kasar'], ['आष्टी', 'Ashti'], ['केज', 'Kaij'], ['धारूर', 'Dharur'],
  ['वडवणी', 'Wadwani'], ['गेवराई', 'Georai'], ['पाथर्डी', 'Pathardi'], ['अंबड', 'Ambad'], ['घनसावंगी', 'Ghansawangi'],
];

export const SECTORS = ['Sector 1', 'Sector 2', 'Sector 3', 'Sector 4'] as const;

export const EMPLOYERS = [
  'Ambajogai SSK mukadam', 'Vaidyanath sugar factory', 'Shree Ganesh brick kiln', 'Patil construction',
  'Jay Malhar stone crusher', 'Karnataka cane contractor', 'Sahyadri SSK mukadam',
] as const;
